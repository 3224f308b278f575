"use client";
import type { AppSpec } from "@/lib/manifests/model/app-spec";
import { IdentityFactsView, StorageFactsView } from "./facts-view";
import { useWatch } from "./form-hooks";

// The StatefulSet facts (facts-view.tsx) following the form as the user types.
export function IdentityFacts() {
  return <IdentityFactsView spec={useWatch<AppSpec>("spec")} />;
}

export function StorageFacts({ claim }: { claim: string }) {
  return <StorageFactsView spec={useWatch<AppSpec>("spec")} claim={claim} />;
}
