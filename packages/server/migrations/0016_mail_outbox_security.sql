-- The app role may use the mail outbox (hand-written; see 0001_security.sql). Every instance's
-- sender reads it outside any programme (it sends for all of them), so it is not under row-level
-- security; it holds no personal data (a user id, a case id and the pseudonymous code) and is
-- never listed to users. No DELETE: a sent mail stays as the record that it was sent.
GRANT SELECT, INSERT, UPDATE ON mail_outbox TO utvag_app;
