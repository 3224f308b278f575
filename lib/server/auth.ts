import "server-only";
import { msg } from "@/lib/i18n/message";
import NextAuth, { CredentialsSignin, type NextAuthConfig, type Profile } from "next-auth";
import { cookies, headers } from "next/headers";
import Credentials from "next-auth/providers/credentials";
import { signInSchema } from "@/lib/validation/account";
import { recordAuditAlone } from "./audit";
import { env, oidcEnabled } from "./env";
import { AppError } from "./errors";
import { fromHeaders } from "./request-context";
import { readLinkIntent, SSO_INVITATION_COOKIE, SSO_LINK_COOKIE } from "./sso-link";
import { SIGNUP_BY_INVITATION, SSO_NOT_CONNECTED, upsertOidcUser, verifyPasswordSignIn } from "./users";

// Sessions are signed JWTs (AUTH_SECRET): nothing lives in process memory, so any instance
// behind a load balancer can serve any request.
class SignInRefused extends CredentialsSignin {
  constructor(code: string) {
    super();
    this.code = code;
  }
}

/** Why a single sign-on was refused, as a code for the page it returns to (never free text in a URL). */
export const SSO_REFUSAL_MSGS = {
  "sso-not-connected": msg("serverErrors.auth.ssoNotConnected"),
  "sso-invite-only": msg("serverErrors.auth.ssoInviteOnly"),
  "sso-conflict": msg("serverErrors.auth.ssoConflict"),
  "sso-refused": msg("serverErrors.auth.ssoRefused"),
} as const;

function refusalCode(error: unknown): keyof typeof SSO_REFUSAL_MSGS {
  if (!(error instanceof AppError)) throw error;
  if (error.message === SSO_NOT_CONNECTED) return "sso-not-connected";
  if (error.message === SIGNUP_BY_INVITATION) return "sso-invite-only";
  return error.code === "conflict" ? "sso-conflict" : "sso-refused";
}

/** The OpenID Connect callback: sign in, create (invitation), or connect (account page) — see upsertOidcUser. */
async function oidcSignIn(user: { id?: string }, profile: Profile): Promise<true | string> {
  const email = String(profile.email ?? "").toLowerCase();
  if (!email || email.length > 254) return "/login?error=sso-refused";
  const jar = await cookies();
  const linkToUserId = readLinkIntent(jar.get(SSO_LINK_COOKIE)?.value) ?? undefined;
  const invitation = jar.get(SSO_INVITATION_COOKIE)?.value?.slice(0, 200) || undefined;
  for (const name of [SSO_LINK_COOKIE, SSO_INVITATION_COOKIE]) if (jar.get(name)) jar.delete(name);
  try {
    const u = await upsertOidcUser(
      { sub: String(profile.sub).slice(0, 255), email, name: String(profile.name ?? email.split("@")[0]).slice(0, 100), emailVerified: profile.email_verified === true },
      fromHeaders(await headers()),
      { linkToUserId, invitation },
    );
    user.id = u.id; // becomes the session's user (see the jwt callback)
    return true;
  } catch (error) {
    const code = refusalCode(error);
    return linkToUserId ? `/account?error=${code}` : `/login?error=${code}`;
  }
}

function providers(): NextAuthConfig["providers"] {
  const list: NextAuthConfig["providers"] = [];
  if (env().BERTH_PASSWORD_SIGNIN) list.push(
    Credentials({
      credentials: { email: {}, password: {} },
      async authorize(credentials, request) {
        const parsed = signInSchema.safeParse(credentials);
        if (!parsed.success) throw new SignInRefused("invalid");
        try {
          return await verifyPasswordSignIn(parsed.data.email, parsed.data.password, fromHeaders(request.headers));
        } catch (error) {
          // The code reaches the sign-in action as text: the minutes only (a number), never a sentence, so the page words it in the reader's language.
          if (error instanceof AppError) throw new SignInRefused(error.code === "rate_limited" ? `rate_limited:${Number(error.msg?.values?.minutes) || 1}` : "invalid");
          throw error;
        }
      },
    }),
  );
  if (oidcEnabled()) {
    const e = env();
    list.push({
      id: "oidc",
      name: e.BERTH_OIDC_NAME,
      type: "oidc",
      issuer: e.BERTH_OIDC_ISSUER,
      clientId: e.BERTH_OIDC_CLIENT_ID,
      clientSecret: e.BERTH_OIDC_CLIENT_SECRET,
      checks: ["pkce", "state", "nonce"],
    });
  }
  return list;
}

export const { handlers, auth, signIn, signOut } = NextAuth(() => ({
  secret: env().AUTH_SECRET,
  trustHost: true,
  session: { strategy: "jwt", maxAge: 12 * 3600 },
  pages: { signIn: "/login", error: "/login" },
  providers: providers(),
  callbacks: {
    async signIn({ user, account, profile }) {
      if (account?.provider !== "oidc") return true;
      return profile ? oidcSignIn(user, profile) : "/login?error=sso-refused";
    },
    jwt({ token, user }) {
      if (user?.id) token.uid = user.id;
      return token;
    },
    session({ session, token }) {
      if (token.uid) session.user.id = String(token.uid);
      return session;
    },
  },
  events: {
    async signOut(message) {
      const token = "token" in message ? message.token : null;
      if (token?.uid) await recordAuditAlone({ action: "auth.sign_out", actor: { id: String(token.uid), email: String(token.email ?? "") } });
    },
  },
}));
