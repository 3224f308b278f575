import { apiRoute } from "@/lib/server/api/handler";
import { clusterItem } from "@/lib/server/api/views";
import { listClusters } from "@/lib/server/clusters";

// GET /api/v1/clusters: the team's clusters, with whether the token's user attached a kubeconfig.
export const dynamic = "force-dynamic";

export const GET = apiRoute({}, async ({ ctx }) => ({ body: { items: (await listClusters(ctx)).map(clusterItem), nextCursor: null } }));
