from noticekit.cli import main

main()
