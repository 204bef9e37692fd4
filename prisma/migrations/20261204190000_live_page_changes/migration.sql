-- The order, webhook call and statement import pages refresh when dashboard_changes moves: what
-- they show of a store's callbacks (state, attempts) and of an import's progress counts as well.
CREATE TRIGGER changes_counted AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON store_callbacks
  FOR EACH STATEMENT EXECUTE FUNCTION dashboard_changed();
CREATE TRIGGER changes_counted AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON callback_attempts
  FOR EACH STATEMENT EXECUTE FUNCTION dashboard_changed();
CREATE TRIGGER changes_counted AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON statement_imports
  FOR EACH STATEMENT EXECUTE FUNCTION dashboard_changed();
