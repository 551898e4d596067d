"""Session start: the start window (profiles, work-account set-up, demo) and its flow."""
