"""Backends turn a Notice (or its HTML) into document bytes. None of them writes files."""
