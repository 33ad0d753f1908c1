-- The sending limits count a workspace's recent invitations and shares (and each
-- sender's) in the activity feed.
CREATE INDEX activity_sending ON activity (workspace_id, action, created_at);
