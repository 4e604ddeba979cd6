"""GitLab CI: the stage list, child pipelines per changed app, and group setup."""
