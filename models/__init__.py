"""SQLModel tables and the queries over them; functions take the session as a keyword argument."""
