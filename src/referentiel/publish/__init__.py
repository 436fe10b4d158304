"""Post-build steps on the built site: search index, scan, links, PDF, CSP, deploy."""
