package vn.chiso.contract;

/**
 * A province as it stood until 30 June 2025 (63 units), with the province it joined on
 * 1 July 2025 (34 units). Codes are the official GSO codes; names are labels.
 */
public record Province(String code, String name, String region, String successorCode, String successorName) {}
