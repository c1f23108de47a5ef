namespace Harness.Sim; public static class Placeholder { }
