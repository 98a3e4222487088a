"""The simulated year: the district's activities played through the GraphQL API over HTTP,
as its users would, with a report of what came of them. It imports nothing of the API's
own code."""
