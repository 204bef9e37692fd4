-- DropIndex
DROP INDEX "orders_reference_key";
