import { Anchor } from "lucide";
import { useTranslations } from "next-intl";
import { ClientMessages } from "@/app/_components/client-messages";
import { Icon } from "@/app/_components/icon";

export default function AuthLayout({ children }: { children: React.ReactNode }) {
  const t = useTranslations("auth");
  return (
    <main className="flex min-h-screen flex-col items-center justify-center px-4 py-12">
      <div className="mb-6 flex items-center gap-2 text-lg font-semibold text-slate-900">
        <Icon icon={Anchor} className="h-6 w-6 text-brand-600" /> Berth
      </div>
      <div className="card w-full max-w-sm p-6">
        {/* the sign-in, sign-up, reset and invitation forms word their labels and errors in the browser */}
        <ClientMessages namespaces={["auth", "common"]}>{children}</ClientMessages>
      </div>
      <p className="mt-6 max-w-sm text-center text-xs text-slate-500">{t("tagline")}</p>
    </main>
  );
}
