"""The application's plumbing: site configuration, logging, backups, failure messages,
storage limits, atomic file writes, background tasks and the self-test.

Grouped so that the domain modules and services sit beside plumbing they use rather than
among it; this package re-exports nothing, import the module you need.
"""
