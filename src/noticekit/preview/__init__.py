"""`noticekit preview`: one council's notice re-rendered on every save, served to a browser on loopback."""
