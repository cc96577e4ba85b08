<customer>
  <add>
    <gen_info>
      <cname><?php echo htmlspecialchars($params['companyname']); ?></cname>
      <pname><?php echo $params['firstname']; ?></pname>
      <login><?php echo $params['username']; ?></login>
      <passwd><?= $params['password'] ?></passwd>
      <status>active</status>
<?php if ($params['phone']): ?>
      <phone><?php echo $params['phone']; ?></phone>
<?php endif; ?>
      <email><?php echo $params['email']; ?></email>
      <owner-id>{$ownerId}</owner-id>
      <country>Germany</country>
    </gen_info>
  </add>
</customer>
