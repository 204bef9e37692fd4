export default function HomePage() {
  return (
    <main className="mx-auto max-w-2xl p-8">
      <h1 className="text-2xl font-semibold">Cocok</h1>
      <p className="mt-2 text-slate-600">Moota webhook: POST /api/webhook</p>
    </main>
  );
}
