/** /verify-email?token=…: the emailed link proves the address; the claim then goes to the district's office. */
import { useEffect, useRef } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { useMutation } from '@tanstack/react-query';
import { Result, Spin } from 'antd';
import { useTranslation } from 'react-i18next';
import { useTitle } from '../../shell/context';
import { verifyEmail } from './api';

export default function VerifyEmailPage() {
  const { t } = useTranslation();
  const [sp] = useSearchParams();
  const token = sp.get('token') ?? '';
  useTitle(t('reg.verify.title'));
  const verify = useMutation({ mutationFn: verifyEmail });
  // once: the link works once, and React's development double effect must not spend it twice
  const sent = useRef(false);
  useEffect(() => {
    if (sent.current) return;
    sent.current = true;
    verify.mutate(token);
  }, [token, verify]);

  if (verify.isError)
    return (
      <Result
        status="error"
        title={<h1 className="kft-result-title">{t('reg.verify.failTitle')}</h1>}
        subTitle={verify.error.fields[0]?.message ?? verify.error.message}
        data-testid="verify-failed"
      />
    );
  if (!verify.data)
    return (
      <div className="kft-center">
        <Spin tip={t('reg.verify.working')} />
      </div>
    );
  return (
    <Result
      status="success"
      title={<h1 className="kft-result-title">{t('reg.verify.doneTitle')}</h1>}
      subTitle={t('reg.verify.doneText', { orgName: verify.data.claim.orgName })}
      data-testid="verified"
      extra={<Link to="/login">{t('reg.verify.toLogin')}</Link>}
    />
  );
}
