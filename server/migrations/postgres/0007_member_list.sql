-- The member lists sort and page through indexes, so a page of a workspace with
-- 10,000 members reads one page of rows, not 10,000. Names and addresses live on
-- users; each membership keeps sortable copies, which these triggers keep in step.
ALTER TABLE memberships ADD COLUMN sort_name TEXT NOT NULL DEFAULT '';
ALTER TABLE memberships ADD COLUMN sort_email TEXT NOT NULL DEFAULT '';
UPDATE memberships m SET sort_name = LOWER(u.display_name), sort_email = u.email
FROM users u WHERE u.id = m.user_id;

CREATE FUNCTION memberships_sort_keys() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    SELECT LOWER(u.display_name), u.email INTO NEW.sort_name, NEW.sort_email
    FROM users u WHERE u.id = NEW.user_id;
    RETURN NEW;
END
$$;
CREATE TRIGGER memberships_sort_keys BEFORE INSERT ON memberships
    FOR EACH ROW EXECUTE FUNCTION memberships_sort_keys();

CREATE FUNCTION users_sort_keys() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE memberships SET sort_name = LOWER(NEW.display_name), sort_email = NEW.email
    WHERE user_id = NEW.id;
    RETURN NEW;
END
$$;
CREATE TRIGGER users_sort_keys AFTER UPDATE OF display_name, email ON users
    FOR EACH ROW EXECUTE FUNCTION users_sort_keys();

CREATE INDEX memberships_by_name ON memberships (workspace_id, sort_name, user_id);
CREATE INDEX memberships_by_email ON memberships (workspace_id, sort_email, user_id);
CREATE INDEX memberships_by_joined ON memberships (workspace_id, joined_at, user_id);
-- The expression must stay the one the member list orders by (store/members.rs).
CREATE INDEX memberships_by_role ON memberships (workspace_id, (CASE role WHEN 'viewer' THEN 0
    WHEN 'billing' THEN 1 WHEN 'developer' THEN 2 WHEN 'admin' THEN 3 ELSE 4 END), user_id);

-- The unfiltered list's total, kept by a trigger instead of counted on every request.
ALTER TABLE workspaces ADD COLUMN member_count BIGINT NOT NULL DEFAULT 0;
UPDATE workspaces w SET member_count =
    (SELECT COUNT(*) FROM memberships m WHERE m.workspace_id = w.id);
CREATE FUNCTION memberships_count() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        UPDATE workspaces SET member_count = member_count + 1 WHERE id = NEW.workspace_id;
    ELSE
        UPDATE workspaces SET member_count = member_count - 1 WHERE id = OLD.workspace_id;
    END IF;
    RETURN NULL;
END
$$;
CREATE TRIGGER memberships_count AFTER INSERT OR DELETE ON memberships
    FOR EACH ROW EXECUTE FUNCTION memberships_count();
