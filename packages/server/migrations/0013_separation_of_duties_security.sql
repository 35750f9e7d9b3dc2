-- The app role may use the pending-membership table (hand-written; see 0001_security.sql).
-- Like `memberships` it is read before a programme is chosen (sign-in, the operator's CLI), so it
-- is scoped in the service, not by row-level security; it holds no case data.
GRANT SELECT, INSERT, UPDATE, DELETE ON pending_memberships TO utvag_app;
