"""The HTTP server: Starlette app, settings and the `grassroots` command line."""
