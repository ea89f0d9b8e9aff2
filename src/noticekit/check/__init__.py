"""Checking without rendering: findings, UK GDPR Article 13 coverage, readability and the coverage table."""
