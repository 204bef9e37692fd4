-- AlterTable
ALTER TABLE "deliveries" DROP COLUMN "duration_ms";
