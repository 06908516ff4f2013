import { ProjectsPage } from '@/features/projects/projects-page';

export default function Home() {
  return <ProjectsPage />;
}
