-- Event order without a global commit lock (docs/adr/0001-event-order.md).
-- Existing events keep their id as their position, so cursors taken before
-- this migration resume exactly where they were.
ALTER TABLE "events" ADD COLUMN "pos" bigint;--> statement-breakpoint
UPDATE "events" SET "pos" = "id";--> statement-breakpoint
CREATE TABLE "event_sequencer" (
	"id" integer PRIMARY KEY NOT NULL,
	"last_pos" bigint NOT NULL,
	CONSTRAINT "event_sequencer_single_row" CHECK ("event_sequencer"."id" = 1)
);
--> statement-breakpoint
INSERT INTO "event_sequencer" ("id", "last_pos") SELECT 1, coalesce(max("id"), 0) FROM "events";--> statement-breakpoint
DROP INDEX "events_project_idx";--> statement-breakpoint
DROP INDEX "events_task_idx";--> statement-breakpoint
DROP INDEX "events_session_idx";--> statement-breakpoint
CREATE UNIQUE INDEX "events_pos_idx" ON "events" USING btree ("pos");--> statement-breakpoint
CREATE INDEX "events_unsequenced_idx" ON "events" USING btree ("id") WHERE "events"."pos" is null;--> statement-breakpoint
CREATE INDEX "events_project_pos_idx" ON "events" USING btree ("project_id","pos");--> statement-breakpoint
CREATE INDEX "events_task_pos_idx" ON "events" USING btree ("task_id","pos");--> statement-breakpoint
CREATE INDEX "events_session_pos_idx" ON "events" USING btree ("session_id","pos");--> statement-breakpoint
-- Hands positions to committed events that have none, in insert order, and
-- returns how many it sequenced. One statement, so no client can hold the
-- sequencer's lock while paused: it commits (autocommit) or runs inside the
-- caller's transaction on a single-connection database. In READ COMMITTED a
-- volatile function's statements each take a fresh snapshot: once the row
-- lock is ours, we see every row the previous sequencer numbered.
CREATE FUNCTION maestro_sequence_events(max_rows integer) RETURNS integer
LANGUAGE plpgsql VOLATILE AS $$
DECLARE
  head bigint;
  top bigint;
  n integer;
BEGIN
  SELECT last_pos INTO head FROM event_sequencer WHERE id = 1 FOR UPDATE;
  WITH todo AS (
    SELECT id, row_number() OVER (ORDER BY id) AS rn
    FROM events WHERE pos IS NULL ORDER BY id LIMIT max_rows
  ), numbered AS (
    UPDATE events e SET pos = head + todo.rn FROM todo WHERE e.id = todo.id RETURNING e.pos
  )
  SELECT max(pos), count(*) INTO top, n FROM numbered;
  IF n > 0 THEN
    -- max, not head + n: a row deleted meanwhile leaves its position unused, never reused.
    UPDATE event_sequencer SET last_pos = top WHERE id = 1;
    PERFORM pg_notify('maestro_events', top::text);
  END IF;
  RETURN n;
END
$$;
