"""E-mail and webhook notifications and the weekly digest, sent by
``python -m notify run`` from cron or a systemd timer (no Streamlit)."""
