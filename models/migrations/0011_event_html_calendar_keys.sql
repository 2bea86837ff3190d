-- Calendar events keep their description rendered (sanitized HTML), written with the Markdown by
-- the services (events, course sessions), so lists and feeds never render Markdown per row. SQL
-- cannot run markdown-it: rows written before this migration start with '' and are rendered once,
-- on their first read that shows the description, and stored (events.service.ts, withHtml).

ALTER TABLE calendar_events ADD COLUMN description_html text NOT NULL DEFAULT '';

-- The private address of a person's own calendar (events.token.ts) is an HMAC of their id and of
-- this generation: "Genera un nuovo indirizzo" moves the generation on and the old address stops
-- working. No row is generation 0, the address everyone had before (it keeps working until reset).
CREATE TABLE calendar_feed_keys (
  user_id integer PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
  generation integer NOT NULL CHECK (generation > 0),
  updated_at timestamptz NOT NULL DEFAULT now()
);
