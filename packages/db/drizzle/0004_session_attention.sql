CREATE TYPE "public"."attention_source" AS ENUM('agent', 'hook', 'heuristic', 'system');--> statement-breakpoint
CREATE TYPE "public"."attention_state" AS ENUM('working', 'needs_input', 'idle', 'unseen');--> statement-breakpoint
ALTER TABLE "sessions" ADD COLUMN "attention" "attention_state";--> statement-breakpoint
ALTER TABLE "sessions" ADD COLUMN "attention_since" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "sessions" ADD COLUMN "attention_source" "attention_source";--> statement-breakpoint
ALTER TABLE "sessions" ADD COLUMN "attention_message" text;--> statement-breakpoint
ALTER TABLE "sessions" ADD COLUMN "seen_at" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "sessions_attention_idx" ON "sessions" USING btree ("attention");