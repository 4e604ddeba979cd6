"""git for repospbe: the one runner every git call goes through (``runner``), small registry helpers
(``util``), the registry as it stood at a ref (``snapshot``) and the repository-wide lock (``lock``)."""
