-- Calendar events keep their description rendered (sanitized HTML), written with the Markdown by
-- the services (events, course sessions), so lists and feeds never render Markdown per row. SQL
-- cannot run markdown-it: rows written before this migration start with '' and are rendered once,
-- on their first read that shows the description, and stored (events.service.ts, withHtml).
ALTER TABLE calendar_events ADD COLUMN description_html text NOT NULL DEFAULT '';
