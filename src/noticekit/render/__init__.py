"""Drawing a Notice: HTML, PDF (WeasyPrint), DOCX (python-docx), variants, glyph coverage and booklet imposition."""
