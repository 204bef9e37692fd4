-- CreateEnum
CREATE TYPE "statement_import_state" AS ENUM ('queued', 'running', 'done', 'failed');

-- AlterTable
ALTER TABLE "deliveries" ADD COLUMN     "statement_import_id" UUID;

-- CreateTable
CREATE TABLE "statement_imports" (
    "id" UUID NOT NULL,
    "account_id" UUID NOT NULL,
    "file_name" TEXT NOT NULL,
    "content" TEXT NOT NULL,
    "options" JSONB NOT NULL,
    "format" TEXT,
    "state" "statement_import_state" NOT NULL DEFAULT 'queued',
    "rows_total" INTEGER NOT NULL DEFAULT 0,
    "rows_done" INTEGER NOT NULL DEFAULT 0,
    "mutations_new" INTEGER NOT NULL DEFAULT 0,
    "seen" INTEGER NOT NULL DEFAULT 0,
    "already_imported" INTEGER NOT NULL DEFAULT 0,
    "possible_duplicates" INTEGER NOT NULL DEFAULT 0,
    "problems" JSONB NOT NULL DEFAULT '[]',
    "skipped" JSONB NOT NULL DEFAULT '[]',
    "error" TEXT,
    "error_code" TEXT,
    "error_params" JSONB,
    "created_by" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finished_at" TIMESTAMPTZ(3),

    CONSTRAINT "statement_imports_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "statement_duplicates" (
    "id" UUID NOT NULL,
    "import_id" UUID NOT NULL,
    "statement_id" TEXT NOT NULL,
    "line" INTEGER NOT NULL,
    "occurred_at" TIMESTAMPTZ(3) NOT NULL,
    "type" "mutation_type" NOT NULL,
    "amount" BIGINT NOT NULL,
    "balance" BIGINT,
    "description" TEXT NOT NULL,
    "candidate_ids" UUID[],
    "decision" TEXT NOT NULL DEFAULT 'pending',
    "mutation_id" UUID,
    "decided_by" TEXT,
    "decided_at" TIMESTAMPTZ(3),

    CONSTRAINT "statement_duplicates_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "statement_imports_created_at_idx" ON "statement_imports"("created_at" DESC);

-- CreateIndex
CREATE UNIQUE INDEX "statement_duplicates_statement_id_key" ON "statement_duplicates"("statement_id");

-- CreateIndex
CREATE INDEX "statement_duplicates_decision_import_id_idx" ON "statement_duplicates"("decision", "import_id");

-- CreateIndex
CREATE INDEX "deliveries_statement_import_id_idx" ON "deliveries"("statement_import_id");

-- AddForeignKey
ALTER TABLE "deliveries" ADD CONSTRAINT "deliveries_statement_import_id_fkey" FOREIGN KEY ("statement_import_id") REFERENCES "statement_imports"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "statement_imports" ADD CONSTRAINT "statement_imports_account_id_fkey" FOREIGN KEY ("account_id") REFERENCES "accounts"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "statement_duplicates" ADD CONSTRAINT "statement_duplicates_import_id_fkey" FOREIGN KEY ("import_id") REFERENCES "statement_imports"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
