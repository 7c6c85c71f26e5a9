-- CreateTable
CREATE TABLE "publication_chain_entry" (
    "seq" BIGINT NOT NULL,
    "id" UUID NOT NULL,
    "publication_id" UUID NOT NULL,
    "item_id" UUID NOT NULL,
    "change" TEXT NOT NULL,
    "state" JSONB NOT NULL,
    "recorded_at" TIMESTAMPTZ(3) NOT NULL,
    "prev_hash" TEXT NOT NULL,
    "hash" TEXT NOT NULL,

    CONSTRAINT "publication_chain_entry_pkey" PRIMARY KEY ("seq")
);

-- CreateIndex
CREATE UNIQUE INDEX "publication_chain_entry_id_key" ON "publication_chain_entry"("id");

-- CreateIndex
CREATE UNIQUE INDEX "publication_chain_entry_hash_key" ON "publication_chain_entry"("hash");

-- CreateIndex
CREATE INDEX "publication_chain_entry_publication_id_seq_idx" ON "publication_chain_entry"("publication_id", "seq");

-- Hand-added (Prisma cannot express triggers): the ledger is append-only. Any UPDATE, DELETE or
-- TRUNCATE is refused; tampering needs the table's owner to disable the trigger, and the
-- publications verify still finds it through the hash chain and the checkpoints in the stream.
CREATE FUNCTION "publication_chain_entry_is_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'publication_chain_entry is append-only: % is not allowed', TG_OP;
END;
$$;

CREATE TRIGGER "publication_chain_entry_no_update_or_delete"
  BEFORE UPDATE OR DELETE ON "publication_chain_entry"
  FOR EACH ROW EXECUTE FUNCTION "publication_chain_entry_is_append_only"();

CREATE TRIGGER "publication_chain_entry_no_truncate"
  BEFORE TRUNCATE ON "publication_chain_entry"
  FOR EACH STATEMENT EXECUTE FUNCTION "publication_chain_entry_is_append_only"();
