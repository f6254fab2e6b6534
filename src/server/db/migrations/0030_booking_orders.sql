-- An instrument booking settles through the same payment record as a service (issue 11, points 2 and 5): a
-- completed booking opens an order of kind instrument_booking, which then takes the voucher, the invoice, the
-- proof of payment and the redemption claim exactly as a service order does. Such an order names its booking
-- instead of a catalogue service, and a booking opens at most one order.
ALTER TABLE orders ADD COLUMN kind text NOT NULL DEFAULT 'service' CHECK (kind IN ('service', 'instrument_booking'));
ALTER TABLE orders ADD COLUMN booking_id bigint;
ALTER TABLE orders ALTER COLUMN service_id DROP NOT NULL;
ALTER TABLE orders ADD CONSTRAINT orders_kind_source CHECK (
  (kind = 'service' AND service_id IS NOT NULL AND booking_id IS NULL)
  OR (kind = 'instrument_booking' AND booking_id IS NOT NULL AND service_id IS NULL));
CREATE UNIQUE INDEX orders_booking_uq ON orders (booking_id) WHERE booking_id IS NOT NULL;
