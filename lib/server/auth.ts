import "server-only";
import NextAuth, { CredentialsSignin, type NextAuthConfig } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { signInSchema } from "@/lib/validation/account";
import { recordAuditAlone } from "./audit";
import { env, oidcEnabled } from "./env";
import { AppError } from "./errors";
import { fromHeaders } from "./request-context";
import { upsertOidcUser, verifyPasswordSignIn } from "./users";

// Sessions are signed JWTs (AUTH_SECRET): nothing lives in process memory, so any instance
// behind a load balancer can serve any request.
class SignInRefused extends CredentialsSignin {
  constructor(code: string) {
    super();
    this.code = code;
  }
}

function providers(): NextAuthConfig["providers"] {
  const list: NextAuthConfig["providers"] = [
    Credentials({
      credentials: { email: {}, password: {} },
      async authorize(credentials, request) {
        const parsed = signInSchema.safeParse(credentials);
        if (!parsed.success) throw new SignInRefused("invalid");
        try {
          return await verifyPasswordSignIn(parsed.data.email, parsed.data.password, fromHeaders(request.headers));
        } catch (error) {
          if (error instanceof AppError) throw new SignInRefused(error.code === "rate_limited" ? `rate_limited:${error.message}` : "invalid");
          throw error;
        }
      },
    }),
  ];
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
    async jwt({ token, user, account, profile }) {
      if (account?.provider === "oidc" && profile) {
        const email = String(profile.email ?? "").toLowerCase();
        if (!email) throw new Error("The identity provider did not share an email address.");
        const u = await upsertOidcUser(
          { sub: String(profile.sub), email, name: String(profile.name ?? email.split("@")[0]), emailVerified: profile.email_verified === true },
          { ip: "", userAgent: "", requestId: "" },
        );
        token.uid = u.id;
      } else if (user?.id) {
        token.uid = user.id;
      }
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
