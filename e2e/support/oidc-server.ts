// A local OpenID Connect provider for the single sign-on e2e test (no internet here). Its
// development login form accepts any login name; the account's email is <login>@sso.test.
import Provider from "oidc-provider";

const port = Number(process.env.OIDC_PORT ?? 3199);
const berth = process.env.BERTH_URL ?? "http://localhost:3100";

const provider = new Provider(`http://localhost:${port}`, {
  clients: [
    {
      client_id: "berth-e2e",
      client_secret: "berth-e2e-secret",
      redirect_uris: [`${berth}/api/auth/callback/oidc`],
      grant_types: ["authorization_code"],
      response_types: ["code"],
    },
  ],
  async findAccount(_ctx, id) {
    return {
      accountId: id,
      async claims() {
        return { sub: id, email: `${id}@sso.test`, email_verified: true, name: `SSO ${id}` };
      },
    };
  },
  claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name"] },
  conformIdTokenClaims: false,
  features: { devInteractions: { enabled: true } },
  cookies: { keys: ["berth-e2e-oidc-cookie-key"] },
});

provider.listen(port, () => console.log(`test OIDC provider on http://localhost:${port}`));
