"""Security checks: secrets in logs, line-manager confidentiality, file and session policies."""
