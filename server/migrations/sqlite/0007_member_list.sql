-- The member lists sort and page through indexes, so a page of a workspace with
-- 10,000 members reads one page of rows, not 10,000. Names and addresses live on
-- users; each membership keeps sortable copies, which these triggers keep in step.
ALTER TABLE memberships ADD COLUMN sort_name TEXT NOT NULL DEFAULT '';
ALTER TABLE memberships ADD COLUMN sort_email TEXT NOT NULL DEFAULT '';
UPDATE memberships SET
    sort_name = (SELECT LOWER(u.display_name) FROM users u WHERE u.id = memberships.user_id),
    sort_email = (SELECT u.email FROM users u WHERE u.id = memberships.user_id);

CREATE TRIGGER memberships_sort_keys AFTER INSERT ON memberships BEGIN
    UPDATE memberships SET
        sort_name = (SELECT LOWER(u.display_name) FROM users u WHERE u.id = NEW.user_id),
        sort_email = (SELECT u.email FROM users u WHERE u.id = NEW.user_id)
    WHERE workspace_id = NEW.workspace_id AND user_id = NEW.user_id;
END;

CREATE TRIGGER users_sort_keys AFTER UPDATE OF display_name, email ON users BEGIN
    UPDATE memberships SET sort_name = LOWER(NEW.display_name), sort_email = NEW.email
    WHERE user_id = NEW.id;
END;

CREATE INDEX memberships_by_name ON memberships (workspace_id, sort_name, user_id);
CREATE INDEX memberships_by_email ON memberships (workspace_id, sort_email, user_id);
CREATE INDEX memberships_by_joined ON memberships (workspace_id, joined_at, user_id);
-- The expression must stay the one the member list orders by (store/members.rs).
CREATE INDEX memberships_by_role ON memberships (workspace_id, (CASE role WHEN 'viewer' THEN 0
    WHEN 'billing' THEN 1 WHEN 'developer' THEN 2 WHEN 'admin' THEN 3 ELSE 4 END), user_id);

-- The unfiltered list's total, kept by triggers instead of counted on every request.
ALTER TABLE workspaces ADD COLUMN member_count INTEGER NOT NULL DEFAULT 0;
UPDATE workspaces SET member_count =
    (SELECT COUNT(*) FROM memberships m WHERE m.workspace_id = workspaces.id);
CREATE TRIGGER memberships_count_joined AFTER INSERT ON memberships BEGIN
    UPDATE workspaces SET member_count = member_count + 1 WHERE id = NEW.workspace_id;
END;
CREATE TRIGGER memberships_count_left AFTER DELETE ON memberships BEGIN
    UPDATE workspaces SET member_count = member_count - 1 WHERE id = OLD.workspace_id;
END;
