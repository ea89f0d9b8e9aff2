"""noticekit: councils' children's privacy notices as print-ready PDF and editable DOCX."""

__version__ = "0.1.0"
