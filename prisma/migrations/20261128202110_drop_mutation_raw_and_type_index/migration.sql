-- DropIndex
DROP INDEX "mutations_type_occurred_at_idx";

-- AlterTable
ALTER TABLE "mutations" DROP COLUMN "raw";
