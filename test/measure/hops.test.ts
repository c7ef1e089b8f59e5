import { makeProfile } from '../../dev/fake-api';
import { instrumentedPackage, pathTo } from '../helpers/hops';
import { useFakeApi } from '../helpers/fixture';

const f = useFakeApi();

test('Send Request: the path from the node to the POST', async () => {
	const loader = await instrumentedPackage();
	const person = makeProfile(3);
	const found = await pathTo(
		(o) => o.method === 'POST' && String(o.url).endsWith('/connect'),
		async () =>
			await f.run(
				{ resource: 'connection', operation: 'sendRequest', profile: person.slug },
				[{}],
				{ loader },
			),
	);
	require('fs').writeFileSync('/tmp/hops.json', JSON.stringify(found, null, 1));
	const visits = (found?.hops ?? [])
		.map((h) => h.split(' → ')[1].replace(/^.*\//, ''))
		.filter((v, i, a) => i === 0 || a[i - 1] !== v);
	console.log(
		found?.hops.length,
		found?.files.length,
		found?.frames.length,
		visits.length,
		visits.join(' → '),
	);
	expect(found).toBeDefined();
});
