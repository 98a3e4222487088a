"""Process tooling for the API's clients (the simulation, the load tests, the command
line): a server in a child process, stopping a process tree, a throwaway PostgreSQL
cluster. The API itself never imports it."""
