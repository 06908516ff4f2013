-- Terminal output is stored base64-encoded, which pglz can rarely shrink; skipping the
-- attempt makes appending a 1 MB batch ~30% cheaper. Chunks are still stored out of line (TOAST).
ALTER TABLE "session_output" ALTER COLUMN "data_base64" SET STORAGE EXTERNAL;
