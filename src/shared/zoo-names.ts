/**
 * The zoo's family and size names, apart from the builders (which load ONNX Runtime and the
 * protobuf schema): the CLI lists them in its options without loading either, and the contract
 * and the studio's persistence validate against the same lists.
 */
export const ZOO_FAMILIES = ['mlp', 'resnet', 'bert', 'unet'] as const;
export type ZooFamily = (typeof ZOO_FAMILIES)[number];
export const ZOO_SIZES = ['small', 'medium', 'large'] as const;
export type ZooSize = (typeof ZOO_SIZES)[number];
