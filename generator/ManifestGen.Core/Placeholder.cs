namespace ManifestGen; internal static class Placeholder {}
