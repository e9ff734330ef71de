import { DEMO_PASSWORD } from '../../prisma/demo-data.ts';

/** Signs a demo account in through the real form (CSRF token, then POST /login) and returns its session cookie. */
export async function loginDemo(base: string, nip: string): Promise<string> {
  const cookies = (res: Response) =>
    res.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
  const page = await fetch(`${base}/login`);
  const cookie = cookies(page);
  const token = (await page.text()).match(/name="_csrf" value="([^"]+)"/)![1];
  const res = await fetch(`${base}/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ _csrf: token, nip, password: DEMO_PASSWORD }),
  });
  return cookies(res);
}
