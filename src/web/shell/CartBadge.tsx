/** Header link to the cart with the number of items in it. */
import { Link } from 'react-router-dom';
import { Badge } from 'antd';
import { useTranslation } from 'react-i18next';
import { useCart } from '../features/bookings/cart';
import { CartIcon } from './icons';

export default function CartBadge() {
  const { t } = useTranslation();
  const count = useCart().length;
  return (
    <Link to="/cart" className="kft-cart-link" aria-label={t('nav.cartLabel', { count })} data-testid="cart-link">
      <Badge count={count} size="small" offset={[2, -2]} data-testid="cart-count">
        <span className="kft-cart-icon">
          <CartIcon />
        </span>
      </Badge>
      <span className="kft-cart-text">{t('nav.cart')}</span>
    </Link>
  );
}
