"""The compiled read path's schema side: the validated selection walked into SQL
(resolvers/compiled/ writes the SQL), and the extension that answers with it."""
