// Ids of the <datalist>s ClusterPickLists renders (client fields point at them with `list=`).
export const STORAGE_CLASS_LIST = "cluster-storage-classes";
export const INGRESS_CLASS_LIST = "cluster-ingress-classes";
