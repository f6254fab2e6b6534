/** The app's pages by path; each page is loaded when first visited. */
import { lazy } from 'react';
import { Link, Navigate, Route, Routes, useLocation } from 'react-router-dom';
import { Result } from 'antd';
import { useTranslation } from 'react-i18next';
import { useTitle } from './context';
import { SignedIn } from './SignedIn';

const DirectoryPage = lazy(() => import('../features/directory/DirectoryPage'));
const OrgPage = lazy(() => import('../features/directory/OrgPage'));
const OrgFormPage = lazy(() => import('../features/directory/OrgFormPage'));
const ImportPage = lazy(() => import('../features/directory/ImportPage'));
const PublicationsPage = lazy(() => import('../features/directory/PublicationsPage'));
const LoginPage = lazy(() => import('../features/auth/LoginPage'));
const CataloguePage = lazy(() => import('../features/instruments/CataloguePage'));
const InstrumentPage = lazy(() => import('../features/instruments/InstrumentPage'));
const InstrumentFormPage = lazy(() => import('../features/instruments/InstrumentFormPage'));
const CartPage = lazy(() => import('../features/bookings/CartPage'));
const MyBookingsPage = lazy(() => import('../features/bookings/MyBookingsPage'));
const OwnerInboxPage = lazy(() => import('../features/bookings/OwnerInboxPage'));
const StatsPage = lazy(() => import('../features/instruments/StatsPage'));
const ServiceCataloguePage = lazy(() => import('../features/services/ServiceCataloguePage'));
const ServicePage = lazy(() => import('../features/services/ServicePage'));
const ServiceFormPage = lazy(() => import('../features/services/ServiceFormPage'));
const StorefrontPage = lazy(() => import('../features/services/StorefrontPage'));
const SearchPage = lazy(() => import('../features/market/SearchPage'));
const AchievementPage = lazy(() => import('../features/market/AchievementPage'));
const AchievementFormPage = lazy(() => import('../features/market/AchievementFormPage'));
const DemandPage = lazy(() => import('../features/market/DemandPage'));
const DemandFormPage = lazy(() => import('../features/market/DemandFormPage'));
const ExpertPage = lazy(() => import('../features/market/ExpertPage'));
const ExpertFormPage = lazy(() => import('../features/market/ExpertFormPage'));
const DealsPage = lazy(() => import('../features/market/DealsPage'));
const DealPage = lazy(() => import('../features/market/DealPage'));
const WorkbenchPage = lazy(() => import('../features/market/WorkbenchPage'));
const WebhooksPage = lazy(() => import('../features/webhooks/WebhooksPage'));
const SecurityPage = lazy(() => import('../features/account/SecurityPage'));
const UsersPage = lazy(() => import('../features/users/UsersPage'));
const AuditPage = lazy(() => import('../features/audit/AuditPage'));
const StatisticsPage = lazy(() => import('../features/statistics/StatisticsPage'));
const DashboardPage = lazy(() => import('../features/statistics/DashboardPage'));
const DashboardHome = lazy(() => import('../features/statistics/DashboardPage').then((m) => ({ default: m.DashboardHome })));
const FrontPage = lazy(() => import('../features/portal/FrontPage'));
const BulletinListPage = lazy(() => import('../features/bulletins/BulletinListPage'));
const BulletinPage = lazy(() => import('../features/bulletins/BulletinPage'));
const BulletinEditPage = lazy(() => import('../features/bulletins/BulletinEditPage'));
const RegisterPage = lazy(() => import('../features/registration/RegisterPage'));
const VerifyEmailPage = lazy(() => import('../features/registration/VerifyEmailPage'));
const InvitationPage = lazy(() => import('../features/registration/InvitationPage'));
const ForgotPasswordPage = lazy(() => import('../features/registration/ForgotPasswordPage'));
const ResetPasswordPage = lazy(() => import('../features/registration/ResetPasswordPage'));
const ClaimsPage = lazy(() => import('../features/registration/ClaimsPage'));
const MembersPage = lazy(() => import('../features/registration/MembersPage'));
const OrdersPage = lazy(() => import('../features/orders/OrdersPage'));
const NewOrderPage = lazy(() => import('../features/orders/NewOrderPage'));
const OrderPage = lazy(() => import('../features/orders/OrderPage'));
const WalletPage = lazy(() => import('../features/vouchers/WalletPage'));
const AdminVouchersPage = lazy(() => import('../features/vouchers/AdminVouchersPage'));
const NoticesPage = lazy(() => import('../features/vouchers/NoticesPage'));
const ContractsPage = lazy(() => import('../features/contracts/ContractsPage'));
const NewContractPage = lazy(() => import('../features/contracts/NewContractPage'));
const ContractPage = lazy(() => import('../features/contracts/ContractPage'));
const ContractVerifyPage = lazy(() => import('../features/contracts/VerifyPage'));
const ConfirmContractPage = lazy(() => import('../features/contracts/ConfirmContractPage'));
const ExpertReviewsPage = lazy(() => import('../features/contracts/ExpertReviewsPage'));
const ContractWorkloadPage = lazy(() => import('../features/contracts/WorkloadPage'));
const SurveysAdminPage = lazy(() => import('../features/surveys/SurveysAdminPage'));
const SurveyRoundPage = lazy(() => import('../features/surveys/RoundPage'));
const MyFilingsPage = lazy(() => import('../features/surveys/MyFilingsPage'));
const FilingPage = lazy(() => import('../features/surveys/FilingPage'));

function NotFound() {
  const { t } = useTranslation();
  useTitle(t('common.notFound'));
  return <Result status="404" title="404" subTitle={t('common.notFound')} extra={<Link to="/">{t('nav.home')}</Link>} />;
}

/**
 * `/` is the portal's front page; the directory moved to /orgs. A link of the directory's from before (`/?q=…`,
 * `/?category=…`, the statistics' drill-downs in old bookmarks) still lands on the directory with its filters.
 */
function Home() {
  const { search } = useLocation();
  return search && search !== '?' ? <Navigate to={`/orgs${search}`} replace /> : <FrontPage />;
}

export function AppRoutes() {
  return (
    <Routes>
      <Route path="/" element={<Home />} />
      <Route path="/orgs" element={<DirectoryPage />} />
      <Route
        path="/orgs/new"
        element={
          <SignedIn>
            <OrgFormPage />
          </SignedIn>
        }
      />
      <Route path="/orgs/:id" element={<OrgPage />} />
      <Route
        path="/orgs/:id/edit"
        element={
          <SignedIn>
            <OrgFormPage />
          </SignedIn>
        }
      />
      <Route
        path="/workbench/import"
        element={
          <SignedIn>
            <ImportPage />
          </SignedIn>
        }
      />
      <Route
        path="/workbench/import/:jobId"
        element={
          <SignedIn>
            <ImportPage />
          </SignedIn>
        }
      />
      <Route path="/publications" element={<PublicationsPage />} />
      <Route path="/publications/:id" element={<PublicationsPage />} />
      <Route path="/instruments" element={<CataloguePage />} />
      <Route
        path="/instruments/new"
        element={
          <SignedIn>
            <InstrumentFormPage />
          </SignedIn>
        }
      />
      <Route path="/instruments/:id" element={<InstrumentPage />} />
      <Route
        path="/instruments/:id/edit"
        element={
          <SignedIn>
            <InstrumentFormPage />
          </SignedIn>
        }
      />
      <Route path="/services" element={<ServiceCataloguePage />} />
      <Route
        path="/services/new"
        element={
          <SignedIn>
            <ServiceFormPage />
          </SignedIn>
        }
      />
      <Route path="/services/:id" element={<ServicePage />} />
      <Route path="/providers/:orgId" element={<StorefrontPage />} />
      <Route path="/cart" element={<CartPage />} />
      <Route
        path="/bookings"
        element={
          <SignedIn>
            <MyBookingsPage />
          </SignedIn>
        }
      />
      <Route
        path="/workbench/bookings"
        element={
          <SignedIn>
            <OwnerInboxPage />
          </SignedIn>
        }
      />
      <Route
        path="/instrument-stats"
        element={
          <SignedIn>
            <StatsPage />
          </SignedIn>
        }
      />
      <Route path="/search" element={<SearchPage />} />
      <Route
        path="/achievements/new"
        element={
          <SignedIn>
            <AchievementFormPage />
          </SignedIn>
        }
      />
      <Route path="/achievements/:id" element={<AchievementPage />} />
      <Route
        path="/achievements/:id/edit"
        element={
          <SignedIn>
            <AchievementFormPage />
          </SignedIn>
        }
      />
      <Route
        path="/demands/new"
        element={
          <SignedIn>
            <DemandFormPage />
          </SignedIn>
        }
      />
      <Route path="/demands/:id" element={<DemandPage />} />
      <Route
        path="/demands/:id/edit"
        element={
          <SignedIn>
            <DemandFormPage />
          </SignedIn>
        }
      />
      <Route
        path="/experts/new"
        element={
          <SignedIn>
            <ExpertFormPage />
          </SignedIn>
        }
      />
      <Route path="/experts/:id" element={<ExpertPage />} />
      <Route
        path="/experts/:id/edit"
        element={
          <SignedIn>
            <ExpertFormPage />
          </SignedIn>
        }
      />
      <Route
        path="/workbench/market"
        element={
          <SignedIn>
            <WorkbenchPage />
          </SignedIn>
        }
      />
      <Route
        path="/webhooks"
        element={
          <SignedIn>
            <WebhooksPage />
          </SignedIn>
        }
      />
      <Route
        path="/deals"
        element={
          <SignedIn>
            <DealsPage />
          </SignedIn>
        }
      />
      <Route
        path="/deals/:id"
        element={
          <SignedIn>
            <DealPage />
          </SignedIn>
        }
      />
      <Route
        path="/admin/surveys"
        element={
          <SignedIn>
            <SurveysAdminPage />
          </SignedIn>
        }
      />
      <Route
        path="/admin/surveys/rounds/:id"
        element={
          <SignedIn>
            <SurveyRoundPage />
          </SignedIn>
        }
      />
      <Route
        path="/surveys"
        element={
          <SignedIn>
            <MyFilingsPage />
          </SignedIn>
        }
      />
      <Route
        path="/surveys/filings/:id"
        element={
          <SignedIn>
            <FilingPage />
          </SignedIn>
        }
      />
      <Route
        path="/contracts"
        element={
          <SignedIn>
            <ContractsPage />
          </SignedIn>
        }
      />
      <Route
        path="/contracts/new"
        element={
          <SignedIn>
            <NewContractPage />
          </SignedIn>
        }
      />
      <Route path="/contracts/verify/:number" element={<ContractVerifyPage />} />
      <Route
        path="/contract-reviews"
        element={
          <SignedIn>
            <ExpertReviewsPage />
          </SignedIn>
        }
      />
      <Route
        path="/contracts/:id/confirm"
        element={
          <SignedIn>
            <ConfirmContractPage />
          </SignedIn>
        }
      />
      <Route
        path="/contracts/workload"
        element={
          <SignedIn>
            <ContractWorkloadPage />
          </SignedIn>
        }
      />
      <Route
        path="/contracts/:id"
        element={
          <SignedIn>
            <ContractPage />
          </SignedIn>
        }
      />
      <Route
        path="/orders"
        element={
          <SignedIn>
            <OrdersPage />
          </SignedIn>
        }
      />
      <Route
        path="/orders/new"
        element={
          <SignedIn>
            <NewOrderPage />
          </SignedIn>
        }
      />
      <Route
        path="/orders/:id"
        element={
          <SignedIn>
            <OrderPage />
          </SignedIn>
        }
      />
      <Route
        path="/account/security"
        element={
          <SignedIn>
            <SecurityPage />
          </SignedIn>
        }
      />
      <Route
        path="/admin/users"
        element={
          <SignedIn>
            <UsersPage />
          </SignedIn>
        }
      />
      <Route
        path="/admin/audit"
        element={
          <SignedIn>
            <AuditPage />
          </SignedIn>
        }
      />
      <Route path="/login" element={<LoginPage />} />
      <Route path="/register" element={<RegisterPage />} />
      <Route path="/verify-email" element={<VerifyEmailPage />} />
      <Route path="/invitations/:token" element={<InvitationPage />} />
      <Route path="/forgot-password" element={<ForgotPasswordPage />} />
      <Route path="/reset-password" element={<ResetPasswordPage />} />
      <Route
        path="/admin/claims"
        element={
          <SignedIn>
            <ClaimsPage />
          </SignedIn>
        }
      />
      <Route
        path="/org/members"
        element={
          <SignedIn>
            <MembersPage />
          </SignedIn>
        }
      />
      <Route
        path="/vouchers"
        element={
          <SignedIn>
            <WalletPage />
          </SignedIn>
        }
      />
      <Route
        path="/admin/vouchers"
        element={
          <SignedIn>
            <AdminVouchersPage />
          </SignedIn>
        }
      />
      <Route path="/voucher-notices" element={<NoticesPage />} />
      <Route path="/statistics" element={<StatisticsPage />} />
      <Route path="/dashboards" element={<DashboardHome />} />
      <Route path="/dashboards/:scope" element={<DashboardPage />} />
      <Route path="/bulletins" element={<BulletinListPage />} />
      <Route
        path="/bulletins/new"
        element={
          <SignedIn>
            <BulletinEditPage />
          </SignedIn>
        }
      />
      <Route path="/bulletins/:id" element={<BulletinPage />} />
      <Route
        path="/bulletins/:id/edit"
        element={
          <SignedIn>
            <BulletinEditPage />
          </SignedIn>
        }
      />
      <Route path="*" element={<NotFound />} />
    </Routes>
  );
}
