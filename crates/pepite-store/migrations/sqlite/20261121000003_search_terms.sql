-- PostgreSQL moves word matching to a (term, piece) B-tree in this step. SQLite keeps its FTS5
-- table (first migration), which already stores only the normalised words; this step exists so
-- both folders list the same steps, and only refreshes the planner's statistics.
ANALYZE;
